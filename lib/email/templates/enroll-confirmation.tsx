import { siteConfig } from "../../site-config";
import { ConfirmationEmail, type ConfirmationProps } from "./confirmation";

export function EnrollConfirmationEmail({ data, ctx }: ConfirmationProps) {
  return (
    <ConfirmationEmail
      data={data}
      ctx={ctx}
      preview="We have your application. An admissions advisor will be in touch within two working days."
      title="Application received"
      intro={`Thank you for applying to ${siteConfig.name}. This email is your copy of your application.`}
      nextSteps={[
        "An admissions advisor will call or email you within two working days to talk it through.",
        "Nothing is charged until you confirm your place and payment plan.",
      ]}
      summaryTitle="Your application"
    />
  );
}
