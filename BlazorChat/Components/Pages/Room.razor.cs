using BlazorChat.Accounts;
using BlazorChat.Bus;
using BlazorChat.Chat;
using BlazorChat.Components.Chat;
using BlazorChat.Presence;
using BlazorChat.Rooms;
using BlazorChat.Sidebar;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace BlazorChat.Components.Pages;

/// <summary>
/// A room in the browser. It joins through the circuit's <see cref="ChatSession"/> once the page
/// is interactive (never while prerendering, whose scope dies at once), follows the session's
/// messages and status, and leaves when the page goes away or moves to another room. Each join
/// is first put to <see cref="RoomAdmission"/>: an account comes in as itself, a guest under its
/// remembered name unless that is an account's; and an account signed out meanwhile (elsewhere,
/// found at revalidation) takes the page out of the room. Who else is writing is kept apart from
/// the lines, in a <see cref="TypingWriters"/> that the indicator under the pane watches. The
/// person's <see cref="RoomList"/> learns which room is on screen and what of it was read, and
/// says where the reader left off, for the pane's unread divider.
/// </summary>
public sealed partial class Room
{
    /// <summary>Rows a page holds (<see cref="MessageWindow"/>): older ones scroll off, so a long-open tab stays small.</summary>
    public const int MaxMessagesOnPage = 200;

    /// <summary>How many older messages one step back through the history brings.</summary>
    public const int OlderPageSize = 50;

    public const string SignedOut = "Your account was signed out, so this page left the room. Sign in again to come back.";

    /// <summary>
    /// The least time between two reads of who is in the room. A burst of joins and leaves (churn,
    /// or a crowd arriving) makes the page read presence once after it, not once for each.
    /// </summary>
    public static readonly TimeSpan MembersRefreshPause = TimeSpan.FromMilliseconds(500);

    private readonly MessageWindow _window = new(MaxMessagesOnPage);
    private TypingWriters _typing = null!;
    private string _name = "";
    private string? _joinedGroup;
    private TimeSpan _utcOffset;
    private bool _interactive;
    private bool _showMembers;
    private IReadOnlyList<RoomMember> _members = [];
    private readonly CancellationTokenSource _gone = new();
    // Who is in the room, read on joining and whenever someone comes or goes, at most once per MembersRefreshPause.
    private PacedRead _membersRead = null!;
    // Why the page may not come in: a private room's outsider (or the banned) sees the notice and
    // nothing of the room; any other refusal is said above the pane.
    private Admission? _refused;
    private string? _refusal;
    // What the page could not do that the reader asked of it (a change refused, older history
    // unreadable while the bus is down): said above the pane until dismissed or the next success.
    private string? _notice;
    private bool _moderates;
    // Where the reader left off in this room before coming back (null on a first visit), and who they are in mentions.
    private MessageId? _unreadAfter;
    private ReaderNames _reader = ReaderNames.None;
    // Whether the messages arriving now are new, not the history shown on joining (which ends with a system line).
    private bool _live;
    private RoomResume? _resumeFrom;

    [Parameter] public string Group { get; set; } = "";

    /// <summary>
    /// Where the page was when its tab gave the circuit back (<c>Blazor.pauseCircuit()</c>):
    /// Blazor keeps it in the browser and hands it to the circuit that resumes the page, which then
    /// shows what the page showed last and recovers what came after it. Never restored into a page
    /// opening for the first time.
    /// </summary>
    [PersistentState(RestoreBehavior = RestoreBehavior.SkipInitialValue)]
    public RoomResume? Resume
    {
        get => Session.Seat is { } seat && Session.LastSeen is { } last ? new(seat.Group, last) : null;
        set => _resumeFrom = value;
    }

    [Inject] private ChatSession Session { get; set; } = null!;

    [Inject] private BrowserStorage Storage { get; set; } = null!;

    [Inject] private RoomPresence Presence { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;

    [Inject] private AuthenticationStateProvider Authentication { get; set; } = null!;

    [Inject] private IServiceScopeFactory Scopes { get; set; } = null!;

    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [Inject] private MessageChanges Changes { get; set; } = null!;

    [Inject] private IRoomHistory History { get; set; } = null!;

    [Inject] private IOptions<HistoryOptions> HistoryOptions { get; set; } = null!;

    [Inject] private RoomList Rooms { get; set; } = null!;

    private bool IsIn => Session.State.Status is SessionStatus.Connected or SessionStatus.BusDown;

    protected override void OnInitialized()
    {
        _typing = new TypingWriters(Time, Session.IsOwn);
        _membersRead = new PacedRead(ReadMembersAsync, MembersRefreshPause, Time, _gone.Token);
        Session.MessageReceived += OnMessageAsync;
        Session.State.Changed += OnStatusChanged;
        Authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        _interactive = true;
        _utcOffset = TimeSpan.FromMinutes(await JS.InvokeAsync<int>("blazorChat.utcOffsetMinutes"));
        if (ChatClaims.IdentityOf((await Authentication.GetAuthenticationStateAsync()).User).IsGuest)
        {
            _name = await Storage.LoadAsync(BrowserStorage.NameKey) is { } saved && DisplayName.IsValid(saved) ? saved : DisplayName.Generate();
            await Storage.SaveAsync(BrowserStorage.NameKey, _name);
        }

        await ConnectAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        // The same page component is reused when navigating from one room to another.
        if (_interactive && _joinedGroup is not null && _joinedGroup != Group)
        {
            await ConnectAsync();
        }
    }

    private async Task ConnectAsync()
    {
        if (!GroupName.IsValid(Group))
        {
            await Session.LeaveAsync();
            await Rooms.LeaveAsync();
            return;
        }

        // Back in the same room, the page picks up after the last message it showed; a new room
        // starts afresh with that room's recent history.
        if (_joinedGroup != Group)
        {
            _window.Clear();
            _typing.Clear();
        }

        _joinedGroup = Group;
        if (await AdmitAsync() is not { } admission)
        {
            return;
        }

        _name = admission.Name;
        _moderates = await ModeratesAsync(admission.Identity);
        _reader = new ReaderNames(admission.Name, admission.Identity.UserName);
        _unreadAfter = await Rooms.EnterAsync(Group, _reader);
        _live = false;
        var since = Session.Seat?.Group == Group ? Session.LastSeen : await ShowWhereResumedAsync();
        await Session.JoinAsync(Group, _name, since, identity: admission.Identity);
        await _membersRead.RequestAsync();
    }

    /// <summary>
    /// Asks whether the page may come in, and as whom; null when it may not, with the reason shown
    /// (or, on a server that admits no guests, the guest sent to sign in and back here).
    /// </summary>
    private async Task<Admission?> AdmitAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        Admission admission;
        // A scope of its own: the database's context must not live as long as the circuit.
        await using (var scope = Scopes.CreateAsyncScope())
        {
            admission = await scope.ServiceProvider.GetRequiredService<RoomAdmission>().AdmitAsync(user, Group, _name, _gone.Token);
        }

        (_refused, _refusal) = admission switch
        {
            { Admitted: true } => (null, null),
            { PrivateRoom: true } or { Refusal: AdmissionRefusal.Forbidden } => (admission, null),
            _ => ((Admission?)null, admission.Detail),
        };
        if (admission.Admitted)
        {
            return admission;
        }

        // Out of the room shown before too: the sidebar counts it again.
        await Session.LeaveAsync();
        await Rooms.LeaveAsync();
        if (admission is { Refusal: AdmissionRefusal.SignInRequired, PrivateRoom: false } && ChatClaims.IdentityOf(user).IsGuest)
        {
            Navigation.NavigateTo($"/account/login?ReturnUrl={Uri.EscapeDataString($"/room/{Group}")}", forceLoad: true);
        }

        return null;
    }

    /// <summary>
    /// On a circuit that resumes a paused page in this room: the rows up to the last message the
    /// page showed, read back, and that message's id, for the join to recover what came after it.
    /// </summary>
    private async Task<MessageId?> ShowWhereResumedAsync()
    {
        if (_resumeFrom is not { } resume || resume.Room != Group)
        {
            return null;
        }

        _resumeFrom = null;
        await ReadHistoryAsync(async () =>
            _window.Prepend(await History.ReadOlderAsync(Group, resume.LastSeen.Next(), OlderPageSize, _gone.Token), OlderPageSize));
        return resume.LastSeen;
    }

    // Whether the rows of others offer edit and delete too; the server decides again on each change.
    private async Task<bool> ModeratesAsync(ChatIdentity identity)
    {
        try
        {
            return await Changes.ModeratesAsync(Group, identity, _gone.Token);
        }
        catch (Exception ex) when (Data.DatabaseErrors.IsUnavailable(ex))
        {
            return false;
        }
    }

    // Revalidation found the account signed out (or deleted): the page no longer speaks for it.
    private void OnAuthenticationStateChanged(Task<AuthenticationState> changed) => _ = InvokeAsync(async () =>
    {
        if (Session.Seat is { Identity.IsGuest: false } && ChatClaims.IdentityOf((await changed).User).IsGuest)
        {
            await Session.LeaveAsync();
            _refusal = SignedOut;
            StateHasChanged();
        }
    });

    private async Task ReadMembersAsync()
    {
        try
        {
            var members = await Presence.MembersAsync(Group, _gone.Token);
            await InvokeAsync(() =>
            {
                _members = members;
                StateHasChanged();
            });
        }
        catch (BusUnavailableException)
        {
            // The list stays as it was; the status already says the bus is down.
        }
    }

    private Task DisconnectAsync() => Session.LeaveAsync();

    // The change comes back from the room like anyone's; only a refusal is the page's to say.
    private async Task ChangeAsync(MessageKind kind, ChatMessage message, string text)
    {
        _notice = await Session.ChangeAsync(Changes, kind, message, text) is { Sent: false, Error: { } error } ? error : null;
    }

    private Task OnMessageAsync(ChatMessage message)
    {
        _typing.Observe(message);
        if (message.Kind is MessageKind.Typing)
        {
            // Not a line of the conversation: the indicator shows it, re-rendering only itself.
            return Task.CompletedTask;
        }

        if (message.Kind.IsChange())
        {
            return InvokeAsync(() =>
            {
                // A change to a message the page no longer holds changes nothing on it.
                if (_window.Change(message))
                {
                    StateHasChanged();
                }
            });
        }

        if (message.Kind is MessageKind.Join or MessageKind.Leave)
        {
            _ = _membersRead.RequestAsync();
        }

        return ShowAsync(message);
    }

    private Task ShowAsync(ChatMessage message) => InvokeAsync(() =>
    {
        Rooms.Read(message, _live);
        _live |= message.Kind == MessageKind.System;
        _window.Add(message);
        StateHasChanged();
    });

    // One page further back, read only while in the room (a private room's reader may have been removed).
    private async Task LoadOlderAsync()
    {
        if (IsIn && _window.OldestId is { } oldest)
        {
            await ReadHistoryAsync(async () =>
                _window.Prepend(await History.ReadOlderAsync(Group, oldest, OlderPageSize, _gone.Token), OlderPageSize));
        }
    }

    private async Task JumpToNewestAsync()
    {
        if (IsIn)
        {
            _window.BeginShowingNewest();
            await ReadHistoryAsync(async () =>
                _window.ShowNewest((await History.ReadAsync(Group, null, HistoryOptions.Value.OnJoin, _gone.Token)).Folded().Messages));
        }
    }

    private async Task ReadHistoryAsync(Func<Task> read)
    {
        try
        {
            await read();
            _notice = null;
        }
        catch (BusUnavailableException)
        {
            _notice = SessionTexts.BusDown;
        }
        catch (OperationCanceledException) when (_gone.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    private void OnStatusChanged() => _ = InvokeAsync(StateHasChanged);

    public async ValueTask DisposeAsync()
    {
        Session.MessageReceived -= OnMessageAsync;
        Session.State.Changed -= OnStatusChanged;
        Authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
        // Cancelled, not disposed: a read finishing now may still look at its token.
        await _gone.CancelAsync();
        await Session.LeaveAsync();
        await Rooms.LeaveAsync();
        _typing.Dispose();
    }
}
