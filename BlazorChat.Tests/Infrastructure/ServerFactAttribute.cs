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
        var skipReason = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresAttribute))
            .Select(a => RequiresAttribute.SkipReason((string)a.GetConstructorArguments().First()))
            .FirstOrDefault(reason => reason is not null);

        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        yield return skipReason is null
            ? new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)
            : new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, skipReason);
    }
}
