"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";

/** What the issue calls "a minimal Next 16 page with one react-hook-form + zod form". */
const schema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Keep your name under 100 characters."),
  email: z.string().trim().toLowerCase().pipe(z.email("Enter an email address like name@example.com.")),
  course: z.enum(["web", "data", "ml"], { error: "Choose a course." }),
  message: z.string().trim().max(2000, "Keep your message under 2000 characters.").optional(),
  consent: z.literal(true, { error: "Tick the box so we can reply." }),
});

type Input = z.input<typeof schema>;

const field = { display: "block", width: "100%", minHeight: "3rem", marginTop: "0.25rem", fontSize: "1rem" } as const;

export function ContactForm() {
  const [sent, setSent] = useState(false);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<Input>({ resolver: zodResolver(schema) });
  if (sent) return <p role="status">Thank you, we have your question.</p>;
  return (
    <form noValidate onSubmit={handleSubmit(() => setSent(true))} style={{ display: "grid", gap: "1rem" }}>
      <label>
        Full name
        <input {...register("name")} autoComplete="name" aria-invalid={errors.name ? true : undefined} style={field} />
        {errors.name && <span role="alert">{errors.name.message}</span>}
      </label>
      <label>
        Email
        <input {...register("email")} type="email" autoComplete="email" aria-invalid={errors.email ? true : undefined} style={field} />
        {errors.email && <span role="alert">{errors.email.message}</span>}
      </label>
      <label>
        Course
        <select {...register("course")} defaultValue="" aria-invalid={errors.course ? true : undefined} style={field}>
          <option value="">Choose a course</option>
          <option value="web">Web development</option>
          <option value="data">Data analytics</option>
          <option value="ml">Machine learning</option>
        </select>
        {errors.course && <span role="alert">{errors.course.message}</span>}
      </label>
      <label>
        Your question (optional)
        <textarea {...register("message")} rows={4} style={field} />
        {errors.message && <span role="alert">{errors.message.message}</span>}
      </label>
      <label>
        <input {...register("consent")} type="checkbox" /> You may email me about my question.
        {errors.consent && <span role="alert"> {errors.consent.message}</span>}
      </label>
      <button type="submit" disabled={isSubmitting} style={{ minHeight: "3rem", fontSize: "1rem" }}>
        Send
      </button>
    </form>
  );
}
