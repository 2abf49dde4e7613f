/** `/`: the sign-in page for people who are signed out, their home once signed in. */
import { ErrorNotice } from "../components/ErrorNotice.js";
import { Loading } from "../components/Loading.js";
import { useSession } from "../session/SessionContext.js";
import { HomePage } from "./HomePage.js";
import { SignInPage } from "./SignInPage.js";

export function HomeRoute() {
  const { state, refresh } = useSession();
  if (state.status === "unknown") return <Loading label="Checking your session" />;
  if (state.status === "failed") return <ErrorNotice error={state.error} title="Trellis could not load" onRetry={() => void refresh()} />;
  if (state.status === "signedOut") return <SignInPage />;
  return <HomePage />;
}
