using Floor.Components;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();
// What bench/run.sh waits for before it measures, as it does for the app's own.
app.MapGet("/health/ready", () => "ready");
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();
