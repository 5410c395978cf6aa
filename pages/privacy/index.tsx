import { LegalDocumentPage, currentLegalPageProps } from "@/components/legal/legal-document-page";

// Static HTML with no JavaScript (see pages/_app.tsx).
export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

export const getStaticProps = currentLegalPageProps("privacy");

export default LegalDocumentPage;
