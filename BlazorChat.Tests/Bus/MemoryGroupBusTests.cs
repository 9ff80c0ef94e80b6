using BlazorChat.Tests.Fixtures;

namespace BlazorChat.Tests.Bus;

public sealed class MemoryGroupBusTests(MemoryProvider provider) : GroupBusSpecificationTests(provider), IClassFixture<MemoryProvider>;
