import { Text } from "@react-email/components";
import { siteConfig } from "../../site-config";
import type { ReferralInvitationData, RenderContext } from "../template-data";
import { CallToAction, EmailLayout, MultiLine, Paragraph, SafeLink, Title } from "./layout";
import { s } from "./styles";
import { greeting, str, url } from "./values";

export function ReferralInvitationEmail({ data, ctx }: { data: ReferralInvitationData; ctx: RenderContext }) {
  const referrer = str(data.referrerName) ?? "A friend";
  const note = str(data.note);
  const lookAround = url(data.referralLink);
  const optOut = url(ctx.unsubscribeUrl);
  return (
    <EmailLayout
      preview={`${referrer} thinks you would enjoy ${siteConfig.name}.`}
      ctx={ctx}
      footerNote={<>{referrer} gave us your email address and told us you were happy to receive this invitation. We send it only once.</>}
    >
      <Title>
        {referrer} invited you to {siteConfig.name}
      </Title>
      <Paragraph>{greeting(data.friendName)}</Paragraph>
      <Paragraph>
        {referrer} thinks you would enjoy {siteConfig.name}. {siteConfig.description}
      </Paragraph>
      {note ? (
        <>
          <Paragraph>{referrer} wrote:</Paragraph>
          <Text style={s.quote}>
            <MultiLine text={note} />
          </Text>
        </>
      ) : null}
      <Paragraph>Interested? Let us know with one click and an advisor will be in touch. It also thanks {referrer} for the introduction.</Paragraph>
      <CallToAction href={data.confirmUrl}>Yes, I am interested</CallToAction>
      {lookAround ? (
        <Paragraph>
          Prefer to look around first? <SafeLink href={lookAround}>Visit {siteConfig.name}</SafeLink> with {referrer}&apos;s referral code.
        </Paragraph>
      ) : null}
      {optOut ? (
        <Text style={s.small}>
          Don&apos;t want emails from us? <SafeLink href={optOut}>Opt out in one click</SafeLink>
        </Text>
      ) : null}
    </EmailLayout>
  );
}
