import { Section, Text } from "@react-email/components";
import { POINTS_PER_REFERRAL } from "../../referrals/points";
import { ConfirmationEmail, type ConfirmationProps } from "./confirmation";
import { SafeLink, Subtitle } from "./layout";
import { s } from "./styles";
import { SummaryTable } from "./summary-table";
import { count, origin, referralPoints, str, url } from "./values";

export function ReferralConfirmationEmail({ data, ctx }: ConfirmationProps) {
  const p = referralPoints(data.points);
  const link = url(p?.referralLink);
  const code = str(p?.referralCode);
  const referUrl = `${origin(ctx.siteUrl)}/refer`;
  const perFriend = count(POINTS_PER_REFERRAL);
  return (
    <ConfirmationEmail
      data={data}
      ctx={ctx}
      preview={
        p && p.earnedNow > 0
          ? `You earned ${count(p.earnedNow)} points. They are confirmed as your friends respond.`
          : "We are emailing your friends an invitation that mentions you."
      }
      title="Thanks for spreading the word"
      intro="Thank you for referring your friends to us."
      nextSteps={[
        "We are emailing each friend an invitation that mentions you. We email each friend only once.",
        `You earn ${perFriend} points for each friend who is new to us, with no limit.`,
        "Your points stay pending until that friend responds, by confirming their interest through the invitation or by sending us any form. Then they are confirmed and you can spend them.",
      ]}
      summaryTitle="Who you referred"
    >
      {p ? (
        <>
          <Subtitle>Your points</Subtitle>
          {p.earnedNow > 0 ? (
            <Text style={s.p}>
              This referral earned you <strong>{count(p.earnedNow)} points</strong>. They are pending until your friends respond.
            </Text>
          ) : (
            <Text style={s.p}>
              This time there are no new points: everyone you listed is already in touch with us. Each friend who is new to us earns
              you {perFriend} points.
            </Text>
          )}
          <SummaryTable
            rows={[
              { label: "Earned now", value: `${count(p.earnedNow)} points` },
              { label: "Pending", value: `${count(p.pending)} points` },
              { label: "Confirmed (ready to spend)", value: `${count(p.confirmed)} points` },
            ]}
          />
        </>
      ) : null}
      {link || code ? (
        <>
          <Subtitle>Your personal referral link</Subtitle>
          <Section style={s.box}>
            {link ? (
              <Text style={{ ...s.p, wordBreak: "break-all" }}>
                <SafeLink href={link}>{link}</SafeLink>
              </Text>
            ) : null}
            {code ? <Text style={{ ...s.small, margin: 0 }}>Your referral code: {code}</Text> : null}
          </Section>
          <Text style={s.p}>
            Share it anywhere. Anyone new who arrives through your link and sends us a form counts as your referral, and earns you{" "}
            {perFriend} points.
          </Text>
        </>
      ) : null}
      <Subtitle>Spending your points</Subtitle>
      <Text style={s.p}>
        Confirmed points can be spent toward a course, a device or an accessory. Pending points cannot be spent yet.{" "}
        <SafeLink href={referUrl}>Spend your points</SafeLink>
      </Text>
    </ConfirmationEmail>
  );
}
