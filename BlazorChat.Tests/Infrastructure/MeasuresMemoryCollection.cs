namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// Tests that read the test process's own memory run alone, after the others: a crowded-room
/// test running beside them would allocate into the very figure they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresMemoryCollection
{
    public const string Name = "Measures memory";
}
