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
    public Task<PasskeyOutcome> AddAsync(string name) => RunAsync("add", name);

    /// <summary>
    /// Signs in with a passkey this device holds; when the browser gives one, the page leaves for
    /// <paramref name="returnUrl"/> (or back to the sign-in form, which says why not).
    /// </summary>
    public Task<PasskeyOutcome> SignInAsync(string returnUrl) => RunAsync("signIn", returnUrl);

    // The script answers every refusal with an outcome; what is left (it failed to load, say) is
    // said on the page like the rest, never thrown into the circuit.
    private async Task<PasskeyOutcome> RunAsync(string function, string argument)
    {
        if (antiforgery.GetAntiforgeryToken() is not { } token)
        {
            return new("failed", "the page has no form token: reload it.");
        }

        try
        {
            return await (await ModuleAsync()).InvokeAsync<PasskeyOutcome?>(function, token, argument)
                ?? new("failed", "the browser's script gave no answer.");
        }
        catch (JSException ex)
        {
            return new("failed", ex.Message);
        }
    }

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
