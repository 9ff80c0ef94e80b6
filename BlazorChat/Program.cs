using BlazorChat;

var builder = WebApplication.CreateBuilder(args);

// The bus, the socket rooms, the Blazor UI, health checks; settings validated at start.
builder.AddChatServices();

var app = builder.Build();

// Static assets, /ws/{group}/, /health/live and /health/ready, and the pages.
app.MapChat();

app.Run();
