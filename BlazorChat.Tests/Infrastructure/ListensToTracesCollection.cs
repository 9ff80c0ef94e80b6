namespace BlazorChat.Tests.Infrastructure;

/// <summary>
/// Tests that listen to BlazorChat's activity source, or need nobody to, run alone, after the
/// others: an activity listener hears the whole process, so one running beside other tests would
/// trace their sends, and another's listener would trace the sends of a test that wants none.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ListensToTracesCollection
{
    public const string Name = "Listens to traces";
}
