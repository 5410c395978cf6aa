import { ConfirmationEmail, type ConfirmationProps } from "./confirmation";

export function QuoteConfirmationEmail({ data, ctx }: ConfirmationProps) {
  return (
    <ConfirmationEmail
      data={data}
      ctx={ctx}
      preview="We have your quote request. Your written quote follows within two working days."
      title="Quote request received"
      intro="Thank you for asking about pricing. Here is a summary of your request for your records."
      nextSteps={[
        "An advisor will send your written quote within two working days.",
        "If you asked for a call, they will call you at the time you chose; otherwise any questions come by email.",
      ]}
      summaryTitle="Your request"
    />
  );
}
