import { getAuth } from "@/app/(console)/auth";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Better Auth's endpoints (sign-in, sign-out, session, admin). Sign-up is disabled.
export const GET = (request: Request) => getAuth().handler(request);
export const POST = (request: Request) => getAuth().handler(request);
