using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;

namespace BlazorChat.Components.Account;

/// <summary>
/// The browser's passkey ceremonies, through <c>wwwroot/js/passkeys.js</c>: its requests to
/// <c>/account/passkeys</c> carry the page's antiforgery token, as the account forms do.
/// </summary>
public sealed class PasskeyBrowser(IJSRuntime js, AntiforgeryStateProvider antiforgery) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>Makes a passkey on this device for the signed-in account and keeps it under <paramref name="name"/>.</summary>
    public async Task<PasskeyOutcome> AddAsync(string name) =>
        await (await ModuleAsync()).InvokeAsync<PasskeyOutcome>("add", Token(), name);

    /// <summary>
    /// Signs in with a passkey this device holds; when the browser gives one, the page leaves for
    /// <paramref name="returnUrl"/> (or back to the sign-in form, which says why not).
    /// </summary>
    public async Task<PasskeyOutcome> SignInAsync(string returnUrl) =>
        await (await ModuleAsync()).InvokeAsync<PasskeyOutcome>("signIn", Token(), returnUrl);

    private AntiforgeryRequestToken Token() =>
        antiforgery.GetAntiforgeryToken() ?? throw new InvalidOperationException("The page has no antiforgery token to post with.");

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/passkeys.js");

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
