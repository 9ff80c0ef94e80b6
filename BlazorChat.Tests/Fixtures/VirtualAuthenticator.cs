using Microsoft.Playwright;

namespace BlazorChat.Tests.Fixtures;

/// <summary>
/// Chromium's virtual WebAuthn authenticator in one page, through the DevTools protocol: built in
/// (as a laptop's is), holding discoverable credentials, and verifying its user at every
/// ceremony without asking, as a fingerprint reader would; or, with <c>userVerified: false</c>,
/// failing every verification, as a finger the reader does not know.
/// </summary>
public sealed class VirtualAuthenticator(ICDPSession cdp, string id)
{
    public static async Task<VirtualAuthenticator> AddAsync(IPage page, bool userVerified = true)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable", new() { ["enableUI"] = false });
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new()
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = userVerified,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return new(cdp, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    /// <summary>The credentials the authenticator holds: a passkey removed from the account stays on the device.</summary>
    public async Task<int> CredentialCountAsync()
    {
        var credentials = await cdp.SendAsync("WebAuthn.getCredentials", new() { ["authenticatorId"] = id });
        return credentials!.Value.GetProperty("credentials").GetArrayLength();
    }
}
