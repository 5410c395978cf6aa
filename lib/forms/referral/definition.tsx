import { Section, Text } from "@react-email/components";
import { siteConfig } from "../../site-config";
import type { ConfirmationEmailData, RenderContext } from "../../email/template-data";
import { SafeLink, Subtitle } from "../../email/templates/layout";
import { s } from "../../email/templates/styles";
import { SummaryTable } from "../../email/templates/summary-table";
import { count, origin, referralPoints, str, url } from "../../email/templates/values";
import { inviteFriends, pointsSummary } from "../../referrals/invite-friends";
import { POINTS_PER_REFERRAL } from "../../referrals/points";
import { POINT_WORTH } from "../../referrals/point-value";
import { SEED_REWARDS } from "../../referrals/catalogue";
import { legalDocumentPath } from "../../legal/registry";
import { summaryRows, text } from "../summary";
import type { PostedFormDefinition } from "../types";
import { REFERRAL_CONSENT, referralSchema, type ReferralInput } from "./schema";

const perFriend = count(POINTS_PER_REFERRAL);

/** The referrer's points and personal link: in their confirmation email, never on the page. */
function PointsAndLink({ data, ctx }: { data: ConfirmationEmailData; ctx: RenderContext }) {
  const p = referralPoints(data.points);
  const link = url(p?.referralLink);
  const code = str(p?.referralCode);
  return (
    <>
      {p ? (
        <>
          <Subtitle>Your points</Subtitle>
          {p.earnedNow > 0 ? (
            <Text style={s.p}>
              This referral earned you <strong>{count(p.earnedNow)} pending points</strong>. Pending points cannot be spent yet: they become confirmed when your
              friends take the step our referral rules ask for, such as confirming their interest from their own inbox. Your status page shows where each friend
              stands.
            </Text>
          ) : (
            <Text style={s.p}>
              This time there are no new points: everyone you listed is already in touch with us. Each friend who is new to us earns you {perFriend} points.
            </Text>
          )}
          <SummaryTable
            rows={[
              { label: "Earned now (pending)", value: `${count(p.earnedNow)} points` },
              { label: "Pending (not yet spendable)", value: `${count(p.pending)} points` },
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
            Share it anywhere. Anyone new who arrives through your link and sends us a form counts as your referral, and earns you {perFriend} pending points,
            confirmed once they take the step our referral rules ask for.
          </Text>
        </>
      ) : null}
      <Subtitle>Spending your points</Subtitle>
      <Text style={s.p}>
        Confirmed points can be spent on a reward from our catalogue; {POINT_WORTH}. Pending points cannot be spent yet.{" "}
        <SafeLink href={`${origin(ctx.siteUrl)}/refer`}>Spend your points</SafeLink>
      </Text>
      {p && p.rewards.length > 0 ? <SummaryTable rows={p.rewards.map((r) => ({ label: r.name, value: `${count(r.points)} points` }))} /> : null}
      <Text style={s.p}>
        The rules are in our <SafeLink href={`${origin(ctx.siteUrl)}${legalDocumentPath("referral-terms")}`}>referral program terms</SafeLink>.
      </Text>
    </>
  );
}

/** A referral (/refer): the referrer and up to 10 friends, each invited once. */
export const referralForm = {
  type: "referral" as const,
  label: "Referral",
  consent: REFERRAL_CONSENT,
  schema: referralSchema,
  nextSteps: {
    headline: "Thanks for spreading the word",
    receipt: "We have emailed you your personal referral link and your points so far.",
    steps: [
      "We are emailing each friend an invitation that mentions you. We email each friend only once.",
      `You earn ${perFriend} points for each friend who is new to us, with no limit.`,
      "Those points start as pending: they become confirmed, and can be spent, once that friend takes the step our referral rules ask for (by default, confirming their interest from their own inbox). Your status page at /refer/status shows where each friend stands.",
    ],
  },
  summary: (i) => {
    const friends = Array.isArray(i.friends) ? i.friends : [];
    return summaryRows([
      ["Your name", text(i.name)],
      ["Your email", text(i.email)],
      ...friends.map((f, n): [string, string] => [`Friend ${n + 1}`, [text(f.name), text(f.email) && `(${f.email})`].filter(Boolean).join(" ")]),
    ]);
  },
  async afterSave({ tx, deps, contact, leadId, input, now }) {
    const earned = await inviteFriends(tx, { referrer: contact, leadId, referrerName: input.name, friends: input.friends, siteUrl: deps.siteUrl, now });
    return { points: await pointsSummary(tx, contact, earned, deps.siteUrl) };
  },
  email: {
    template: "referral-confirmation" as const,
    subject: (d) => {
      const p = referralPoints(d.points);
      return p && p.earnedNow > 0
        ? `${count(p.earnedNow)} points pending for referring your friends`
        : `Thanks for referring your friends to ${siteConfig.name}`;
    },
    preview: (d) => {
      const p = referralPoints(d.points);
      return p && p.earnedNow > 0
        ? `${count(p.earnedNow)} points pending. They are confirmed when your friends take the next step.`
        : "We are emailing your friends an invitation that mentions you.";
    },
    title: "Thanks for spreading the word",
    intro: "Thank you for referring your friends to us.",
    summaryTitle: "Who you referred",
    Extra: PointsAndLink,
  },
  example: {
    input: {
      name: "Rita Moreno",
      email: "rita.moreno@example.com",
      friends: [
        { name: "Sam Carter", email: "sam.carter@example.com", note: undefined },
        { name: "Priya Nair", email: "priya.nair@example.com", note: "You kept saying you wanted to get into data work." },
      ],
      consent: true,
    },
    extras: {
      points: {
        earnedNow: 200,
        pending: 300,
        confirmed: 500,
        referralCode: "K7QW3MZP",
        referralLink: "http://localhost:3000/r/K7QW3MZP",
        rewards: SEED_REWARDS.map((r) => ({ name: r.name, points: r.points })),
      },
    },
  },
} satisfies PostedFormDefinition<ReferralInput>;
