import { ConfirmationEmail, type ConfirmationProps } from "./confirmation";

export function CallbackConfirmationEmail({ data, ctx }: ConfirmationProps) {
  return (
    <ConfirmationEmail
      data={data}
      ctx={ctx}
      preview="An advisor will call you at the time you chose, usually within one working day."
      title="We will call you"
      intro="Thank you for asking us to call you back."
      nextSteps={[
        "An advisor will call you at the time you chose, on the number you gave.",
        "Calls usually happen within one working day.",
      ]}
      summaryTitle="Your request"
    />
  );
}
