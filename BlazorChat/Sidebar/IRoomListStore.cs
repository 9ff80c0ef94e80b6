namespace BlazorChat.Sidebar;

/// <summary>Where a person's sidebar is kept: a guest's in their browser, an account's in the database, for every device.</summary>
internal interface IRoomListStore
{
    /// <summary>The rooms as last saved, most recently opened first; what cannot be read is left out.</summary>
    Task<IReadOnlyList<StoredRoom>> LoadAsync();

    /// <summary>Keeps <paramref name="rooms"/> (most recently opened first, at most <see cref="RoomList.MaxRooms"/>) in place of what was kept.</summary>
    Task SaveAsync(IReadOnlyList<StoredRoom> rooms);
}
