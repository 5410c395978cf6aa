import type { ComponentType } from "react";
import type { EmailTemplate, RenderContext, TemplateData } from "../template-data";
import { CallbackConfirmationEmail } from "./callback-confirmation";
import { EnrollConfirmationEmail } from "./enroll-confirmation";
import { InviteConfirmationEmail } from "./invite-confirmation";
import { NewsletterWelcomeEmail } from "./newsletter-welcome";
import { OwnershipLinkEmail } from "./ownership-link";
import { QuoteConfirmationEmail } from "./quote-confirmation";
import { RedemptionConfirmationEmail } from "./redemption-confirmation";
import { RedemptionDecisionEmail } from "./redemption-decision";
import { ReferralConfirmationEmail } from "./referral-confirmation";
import { ReferralInvitationEmail } from "./referral-invitation";
import { StaffNewLeadEmail } from "./staff-new-lead";

export type TemplateProps<T extends EmailTemplate> = { data: TemplateData[T]; ctx: RenderContext };

/** The component for each template name. */
export const TEMPLATE_COMPONENTS: { [T in EmailTemplate]: ComponentType<TemplateProps<T>> } = {
  "enroll-confirmation": EnrollConfirmationEmail,
  "quote-confirmation": QuoteConfirmationEmail,
  "referral-confirmation": ReferralConfirmationEmail,
  "newsletter-welcome": NewsletterWelcomeEmail,
  "callback-confirmation": CallbackConfirmationEmail,
  "redemption-confirmation": RedemptionConfirmationEmail,
  "redemption-decision": RedemptionDecisionEmail,
  "referral-invitation": ReferralInvitationEmail,
  "staff-new-lead": StaffNewLeadEmail,
  "ownership-link": OwnershipLinkEmail,
  "invite-confirmation": InviteConfirmationEmail,
};

export { staffLabel } from "./staff-new-lead";
