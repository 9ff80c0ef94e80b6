using BlazorChat.Bus;
using BlazorChat.Tests.Fixtures;

namespace BlazorChat.Tests.Bus;

public sealed class MemoryGroupBusTests : GroupBusSpecificationTests
{
    protected override Task<IGroupBus> CreateBusAsync() => Task.FromResult<IGroupBus>(TestServices.MemoryBus());
}
