import { LegalDocumentPage, legalVersionPageProps, legalVersionPaths } from "@/components/legal/legal-document-page";

// Static HTML with no JavaScript (see pages/_app.tsx).
export const config = { unstable_runtimeJS: false, runtime: "nodejs" };

export const getStaticPaths = legalVersionPaths("terms");
export const getStaticProps = legalVersionPageProps("terms");

export default LegalDocumentPage;
