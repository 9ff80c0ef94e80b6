using Xunit.Abstractions;
using Xunit.Sdk;

namespace BlazorChat.Tests.Infrastructure;

/// <summary>A fact that honours the <see cref="RequiresAttribute"/>s of its class (an inherited test included).</summary>
[XunitTestCaseDiscoverer("BlazorChat.Tests.Infrastructure.ServerFactDiscoverer", "BlazorChat.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServerFactAttribute : FactAttribute;

public sealed class ServerFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var skipReason = SkipReason(testMethod);
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        yield return skipReason is null
            ? new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)
            : new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, skipReason);
    }

    /// <summary>Why the test's class cannot run here, or null when it can.</summary>
    public static string? SkipReason(ITestMethod testMethod) =>
        testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresAttribute))
            .Select(a => RequiresAttribute.SkipReason((string)a.GetConstructorArguments().First()))
            .FirstOrDefault(reason => reason is not null);
}

/// <summary>A theory that honours the <see cref="RequiresAttribute"/>s of its class, like <see cref="ServerFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("BlazorChat.Tests.Infrastructure.ServerTheoryDiscoverer", "BlazorChat.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServerTheoryAttribute : TheoryAttribute;

public sealed class ServerTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    private readonly IMessageSink _sink = diagnosticMessageSink;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        var skipReason = ServerFactDiscoverer.SkipReason(testMethod);
        return skipReason is null
            ? base.Discover(discoveryOptions, testMethod, theoryAttribute)
            : [new XunitSkippedDataRowTestCase(_sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skipReason)];
    }
}
