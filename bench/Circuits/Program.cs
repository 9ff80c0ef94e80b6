using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

// Scenario E: the server's resident memory per Blazor circuit. Each of N rooms is given M
// messages over the raw socket; then N browser pages (Debian's Chromium through Playwright, one
// context each, as N separate visitors) open one room each and wait until its M messages are on
// screen. RSS growth over those pages, divided by N, is the memory per circuit. W warm-up pages
// (--warmup-pages, 40 by default), opened and kept before the baseline, take the one-off costs:
// the first circuit's JIT and caches, and the tier-1 recompilation of every method a circuit
// calls once, which the runtime does only after 30 calls; with a single warm-up page that
// recompilation (code, and the JIT's scratch memory glibc keeps) fell inside the measured pages
// and counted as about 600 KB per circuit. With --shared-room the N pages all open one room
// (seeded once), as a crowd in one busy room does: every page then also shows the others
// arriving. With --heap, dotnet-gcdump (which forces a full GC) reads the live managed heap
// before and after, free of GC headroom: RSS and heap are the two halves of a circuit's cost.
// With --hidden the N pages are then hidden (as a browser tells a page its tab went to the
// background) and, once each has paused its circuit (the server run with
// Pages:PauseHiddenAfterSeconds), memory is read again: what a hidden tab costs the server.
// With --messages=0 nothing is seeded and a page is open once it is interactive: the measure of
// an empty room, and of bench/Floor (Blazor's template, which has no socket to seed through).
// Prints one JSON line.
var map = args.Select(a => a.Split('=', 2)).ToDictionary(a => a[0].TrimStart('-'), a => a.Length > 1 ? a[1] : "");
int Int(string key, int fallback) => map.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var server = new Uri(map.GetValueOrDefault("server", "http://127.0.0.1:5000/"));
int serverPid = Int("server-pid", 0);
int pages = Int("pages", 50);
int messages = Int("messages", 50);
int warmupPages = Int("warmup-pages", 40);
bool sharedRoom = map.ContainsKey("shared-room");
bool heap = map.ContainsKey("heap");
bool hidden = map.ContainsKey("hidden");
// Where to keep the two dumps (PREFIX-before.gcdump, PREFIX-after.gcdump): compared type by type
// (dotnet-gcdump report), they tell what a circuit holds.
string? keepDump = map.GetValueOrDefault("keep-dump");
// With --keep-dump, --by-type also writes what each dump's heap holds by type and by component,
// with sizes (HeapByType): PREFIX-before.types.tsv and so on.
bool byType = map.ContainsKey("by-type");
var settle = TimeSpan.FromMilliseconds(Int("settle-ms", 3000));
if (serverPid == 0)
{
    throw new ArgumentException("--server-pid is needed to read the server's memory.");
}

var warmupRooms = Enumerable.Range(0, warmupPages).Select(i => $"circuit_warmup_{i}").ToArray();
var rooms = Enumerable.Range(0, pages).Select(i => sharedRoom ? "circuit_shared" : $"circuit_{i}").ToArray();
var seeders = new List<ClientWebSocket>();
foreach (var room in messages > 0 ? warmupRooms.Concat(rooms.Distinct()) : [])
{
    seeders.Add(await SeedAsync(server, room, messages));
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

foreach (var room in warmupRooms)
{
    await OpenRoomAsync(browser, server, room, messages);
}

await Task.Delay(settle);
long? heapBefore = heap ? await HeapBytesAsync(serverPid, keepDump is null ? null : $"{keepDump}-before.gcdump", byType) : null;
long before = ResidentKilobytes(serverPid);
var clock = Stopwatch.StartNew();
foreach (var room in rooms)
{
    await OpenRoomAsync(browser, server, room, messages);
}

double openMs = clock.Elapsed.TotalMilliseconds;
await Task.Delay(settle);
long open = ResidentKilobytes(serverPid);
long? heapOpen = heap ? await HeapBytesAsync(serverPid, keepDump is null ? null : $"{keepDump}-after.gcdump", byType) : null;
long after = open;
long? heapAfter = heapOpen;
if (hidden)
{
    var measured = browser.Contexts.Skip(warmupPages).Select(context => context.Pages[0]).ToList();
    foreach (var page in measured)
    {
        await page.EvaluateAsync("""
            () => {
              Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
              document.dispatchEvent(new Event("visibilitychange"));
            }
            """);
    }

    foreach (var page in measured)
    {
        await page.WaitForSelectorAsync("body[data-circuit='paused']", new() { State = WaitForSelectorState.Attached });
    }

    await Task.Delay(settle);
    after = ResidentKilobytes(serverPid);
    heapAfter = heap ? await HeapBytesAsync(serverPid, keepDump is null ? null : $"{keepDump}-hidden.gcdump", byType) : null;
}

Console.WriteLine(JsonSerializer.Serialize(new
{
    circuits = pages,
    warmupPages,
    messagesOnScreen = messages,
    rssBeforeKb = before,
    rssAfterKb = after,
    // With --hidden, per hidden tab; the open pages' figures are kept beside.
    kbPerCircuit = (after - before) / (double)pages,
    sharedRoom,
    hidden,
    heapKbPerCircuit = heap ? (heapAfter - heapBefore) / 1024.0 / pages : null,
    kbPerOpenCircuit = (open - before) / (double)pages,
    heapKbPerOpenCircuit = heap ? (heapOpen - heapBefore) / 1024.0 / pages : null,
    openMs,
}));

// Closing the pages ends their circuits, so the server stops promptly when the script ends it.
foreach (var context in browser.Contexts.ToList())
{
    await context.CloseAsync();
}

foreach (var seeder in seeders)
{
    seeder.Abort();
    seeder.Dispose();
}

static async Task OpenRoomAsync(IBrowser browser, Uri server, string room, int messages)
{
    var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
    context.SetDefaultTimeout(30_000);
    var page = await context.NewPageAsync();
    await page.GotoAsync(new Uri(server, $"room/{room}").ToString());
    await page.WaitForSelectorAsync(".room-page[data-interactive='yes']");
    await page.WaitForFunctionAsync(
        "n => document.querySelectorAll(\"[data-testid='message'][data-kind='message']\").length >= n", messages);
}

// The room's history, sent over the raw socket; each echo confirms the room has kept it. The
// socket stays in the room until the end, its leaving would be one of the room's last entries,
// which the pages show among their history; it keeps reading, or the server's keep-alive would
// time it out.
static async Task<ClientWebSocket> SeedAsync(Uri server, string room, int messages)
{
    var socket = new ClientWebSocket();
    await socket.ConnectAsync(new Uri($"ws://{server.Authority}/ws/{room}/?name=seed"), CancellationToken.None);
    var buffer = new byte[8192];
    await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);   // the welcome
    for (int i = 0; i < messages; i++)
    {
        var text = $"message {i + 1} of {messages} in #{room}, long enough to look like a line of chat";
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
    }

    _ = DrainAsync(socket);
    return socket;
}

static async Task DrainAsync(ClientWebSocket socket)
{
    var buffer = new byte[8192];
    try
    {
        while ((await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None)).MessageType != WebSocketMessageType.Close)
        {
        }
    }
    catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
    {
        // Aborted at the end of the run.
    }
}

// The live managed heap after the full GC that dotnet-gcdump forces ("N  GC Heap bytes" in its report).
static async Task<long> HeapBytesAsync(int pid, string? keep = null, bool byType = false)
{
    var dump = keep ?? Path.Combine(Path.GetTempPath(), $"circuits-{pid}-{Guid.NewGuid():N}.gcdump");
    try
    {
        await ToolAsync("collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", dump);
        if (keep is not null && byType)
        {
            HeapByType.Write(pid, Path.ChangeExtension(keep, null));
        }

        var report = await ToolAsync("report", dump);
        var line = report.Split('\n').First(l => l.Contains("GC Heap bytes", StringComparison.Ordinal));
        return long.Parse(line.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }
    finally
    {
        if (keep is null)
        {
            File.Delete(dump);
        }
    }
}

static async Task<string> ToolAsync(params string[] arguments)
{
    var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
    using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var output = process.StandardOutput.ReadToEndAsync();
    var errors = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"dotnet-gcdump {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
    }

    return await output;
}

static long ResidentKilobytes(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
