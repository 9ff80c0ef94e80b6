using Microsoft.AspNetCore.Components.Forms;

namespace BlazorChat.Tests.Components;

/// <summary>The antiforgery token a prerendered page hands its circuit, which bUnit renders without.</summary>
internal sealed class TestAntiforgery : AntiforgeryStateProvider
{
    public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
}
