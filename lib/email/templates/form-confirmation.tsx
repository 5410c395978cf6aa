import type { FormDefinition } from "../../forms/types";
import type { ConfirmationEmailData, RenderContext } from "../template-data";
import { ConfirmationEmail } from "./confirmation";

/**
 * A form's confirmation email, from its definition: the next steps are the same ones the
 * success panel shows (written once, in lib/forms/<form>/definition.tsx), plus the form's
 * own part (a discount code, points) when it has one.
 */
export function formConfirmationEmail(form: Pick<FormDefinition, "nextSteps" | "email">) {
  const { email } = form;
  function FormConfirmationEmail({ data, ctx }: { data: ConfirmationEmailData; ctx: RenderContext }) {
    const Extra = email.Extra;
    return (
      <ConfirmationEmail
        data={data}
        ctx={ctx}
        preview={email.preview(data)}
        title={email.title}
        intro={email.intro}
        nextSteps={email.steps ? email.steps(data) : form.nextSteps.steps}
        summaryTitle={email.summaryTitle}
        unsubscribe={email.unsubscribe}
      >
        {Extra ? <Extra data={data} ctx={ctx} /> : null}
      </ConfirmationEmail>
    );
  }
  return FormConfirmationEmail;
}
