// The browser's half of the passkey ceremonies (WebAuthn); the server's is /account/passkeys.
// Each function answers with an outcome for the page to put in words: {} when done, else
// { error, detail }, error being one of PasskeyOutcome's codes.

const supported = () =>
  typeof PublicKeyCredential === "function" &&
  typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function" &&
  typeof PublicKeyCredential.parseRequestOptionsFromJSON === "function";

// A form post with the page's antiforgery token, as the account forms send it.
function post(url, token, fields) {
  const body = new FormData();
  body.append(token.formFieldName, token.value);
  for (const [name, value] of Object.entries(fields ?? {})) body.append(name, value);
  return fetch(url, { method: "POST", body, credentials: "same-origin" });
}

async function refusal(response) {
  if (response.status === 429) return { error: "too-many" };
  let detail = null;
  try { detail = (await response.json()).detail ?? null; } catch { /* not a ProblemDetails body */ }
  return { error: "server", detail };
}

// What the browser's refusal means: NotAllowedError covers both "cancelled" and "no passkey here".
function browserRefusal(e) {
  switch (e?.name) {
    case "NotAllowedError":
    case "AbortError": return { error: "cancelled" };
    case "SecurityError": return { error: "address" };
    case "InvalidStateError": return { error: "registered" };
    default: return { error: "failed", detail: String(e?.message ?? e) };
  }
}

// Asks the server for options, then the browser for a credential; null and an outcome if either refuses.
async function ceremony(optionsUrl, token, parse, run) {
  const response = await post(optionsUrl, token);
  if (!response.ok) return [null, await refusal(response)];
  try {
    return [await run(parse(await response.json())), null];
  } catch (e) {
    return [null, browserRefusal(e)];
  }
}

export async function add(token, name) {
  if (!supported()) return { error: "unsupported" };
  try {
    const [credential, outcome] = await ceremony("/account/passkeys/creation-options", token,
      json => PublicKeyCredential.parseCreationOptionsFromJSON(json),
      publicKey => navigator.credentials.create({ publicKey }));
    if (outcome) return outcome;
    const response = await post("/account/passkeys", token, { credential: JSON.stringify(credential), name });
    return response.ok ? {} : await refusal(response);
  } catch (e) {
    return { error: "failed", detail: String(e?.message ?? e) };
  }
}

// On success the browser posts the credential as a form, as it posts a password, so that the
// answer's cookie and redirect are the browser's own; the page is then left.
export async function signIn(token, returnUrl) {
  if (!supported()) return { error: "unsupported" };
  try {
    const [credential, outcome] = await ceremony("/account/passkeys/request-options", token,
      json => PublicKeyCredential.parseRequestOptionsFromJSON(json),
      publicKey => navigator.credentials.get({ publicKey }));
    if (outcome) return outcome;
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/account/passkeys/login";
    form.hidden = true;
    for (const [name, value] of [[token.formFieldName, token.value], ["credential", JSON.stringify(credential)], ["ReturnUrl", returnUrl]]) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
    return {};
  } catch (e) {
    return { error: "failed", detail: String(e?.message ?? e) };
  }
}
