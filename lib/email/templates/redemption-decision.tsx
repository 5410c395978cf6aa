import { Text } from "@react-email/components";
import { siteConfig } from "../../site-config";
import type { RedemptionDecisionData, RenderContext } from "../template-data";
import { EmailLayout, MultiLine, Paragraph, SafeLink, Steps, Subtitle, Title } from "./layout";
import { s } from "./styles";
import { SummaryTable } from "./summary-table";
import { count, greeting, num, origin, str } from "./values";

/**
 * The answer to a points redemption request: approved (points deducted, the remaining
 * confirmed balance) or not approved (nothing deducted, the reason if staff gave one).
 * Transactional: no unsubscribe link.
 */

export type RedemptionDecisionView = {
  decision: "approved" | "rejected" | null;
  points: number | null;
  reward: string | null;
  details: string | null;
  confirmedBalance: number | null;
  reason: string | null;
};

/** The stored data read defensively (an old or partial row never throws). */
export function redemptionDecision(data: Partial<RedemptionDecisionData>): RedemptionDecisionView {
  const decision = data.decision === "approved" || data.decision === "rejected" ? data.decision : null;
  const points = num(data.points, NaN);
  const balance = num(data.confirmedBalance, NaN);
  return {
    decision,
    points: Number.isInteger(points) && points > 0 ? points : null,
    reward: str(data.reward),
    details: str(data.details),
    confirmedBalance: Number.isInteger(balance) ? balance : null,
    // A reason only ever goes with a rejection.
    reason: decision === "rejected" ? str(data.reason) : null,
  };
}

const pts = (n: number) => `${count(n)} ${Math.abs(n) === 1 ? "point" : "points"}`;

export function RedemptionDecisionEmail({ data, ctx }: { data: RedemptionDecisionData; ctx: RenderContext }) {
  const v = redemptionDecision(data);
  const spend = v.points === null ? "your referral points" : pts(v.points);
  const referUrl = `${origin(ctx.siteUrl)}/refer`;
  const contact = siteConfig.contact.email;
  const balance = v.confirmedBalance === null ? null : pts(v.confirmedBalance);

  const rows = [
    { label: "Reward", value: v.reward ?? "—" },
    { label: v.decision === "approved" ? "Points redeemed" : "Points requested", value: v.points === null ? "—" : pts(v.points) },
    ...(v.details ? [{ label: "Your details", value: v.details }] : []),
    ...(balance ? [{ label: v.decision === "approved" ? "Confirmed balance left" : "Confirmed balance", value: balance }] : []),
  ];

  const content =
    v.decision === "approved"
      ? {
          preview: `We approved your request to spend ${spend}.${balance ? ` You have ${balance} confirmed left.` : ""}`,
          title: "Your points request is approved",
          intro: `Good news: we approved your request to spend ${spend}.`,
          steps: [
            v.points === null ? "The points have been deducted from your confirmed balance." : `We deducted ${pts(v.points)} from your confirmed balance.`,
            ...(balance ? [`You have ${balance} confirmed left to spend.`] : []),
            "Our team will contact you to arrange your reward.",
          ],
        }
      : v.decision === "rejected"
        ? {
            preview: `We could not approve your request to spend ${spend}. No points were deducted.`,
            title: "Your points request was not approved",
            intro: `We are sorry: we could not approve your request to spend ${spend}.`,
            steps: [
              balance ? `No points were deducted. Your confirmed balance is still ${balance}.` : "No points were deducted.",
              <>
                You can send a new request at any time. <SafeLink href={referUrl}>Spend your points</SafeLink>
              </>,
              `Questions? Write to us at ${contact}.`,
            ],
          }
        : {
            preview: "There is an update on your request to spend your referral points.",
            title: "An update on your points request",
            intro: "There is an update on your request to spend your referral points.",
            steps: [`Please write to us at ${contact} and we will tell you where it stands.`],
          };

  return (
    <EmailLayout
      preview={content.preview}
      ctx={ctx}
      footerNote={
        <>
          You are receiving this email because this address was used to ask to spend referral points on our website. If that was not you, let us know at{" "}
          {contact}.
        </>
      }
    >
      <Title>{content.title}</Title>
      <Paragraph>{greeting(data.name)}</Paragraph>
      <Paragraph>{content.intro}</Paragraph>
      {v.reason ? (
        <>
          <Subtitle>Why</Subtitle>
          <Text style={s.quote}>
            <MultiLine text={v.reason} />
          </Text>
        </>
      ) : null}
      <Subtitle>What happens next</Subtitle>
      <Steps items={content.steps} />
      <Subtitle>Your request</Subtitle>
      <SummaryTable rows={rows} />
    </EmailLayout>
  );
}
