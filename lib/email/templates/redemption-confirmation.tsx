import { ConfirmationEmail, type ConfirmationProps } from "./confirmation";

export function RedemptionConfirmationEmail({ data, ctx }: ConfirmationProps) {
  return (
    <ConfirmationEmail
      data={data}
      ctx={ctx}
      preview="We have your request to spend your points. We will email you within two working days."
      title="Points request received"
      intro="Thank you for your request to spend your referral points."
      nextSteps={[
        "Our team checks every request and will email you within two working days to arrange your reward.",
        "Points are only deducted once your request is approved.",
      ]}
      summaryTitle="Your request"
    />
  );
}
