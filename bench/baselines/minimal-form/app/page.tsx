import { ContactForm } from "./contact-form";

export default function Page() {
  return (
    <main>
      <h1>Ask us a question</h1>
      <p>Leave your details and a question about our courses, and we reply by email.</p>
      <ContactForm />
    </main>
  );
}
