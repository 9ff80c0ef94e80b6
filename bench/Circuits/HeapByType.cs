using System.Globalization;
using Microsoft.Diagnostics.Runtime;

/// <summary>
/// What the server's heap holds, type by type and component by component, for <c>--by-type</c>:
/// the objects reachable from the roots (right after dotnet-gcdump's full GC), with their sizes,
/// which <c>dotnet-gcdump report</c> gives only for large objects. The driver writes one pair of
/// files beside each dump; <c>bench/heap-diff.py</c> compares two per page. Attaching suspends the
/// server for about a second.
/// </summary>
internal static class HeapByType
{
    private const string ComponentState = "Microsoft.AspNetCore.Components.Rendering.ComponentState";
    private const string RemoteComponentState = "Microsoft.AspNetCore.Components.Server.Circuits.RemoteComponentState";

    /// <summary>Writes PREFIX.types.tsv (bytes, count, type) and PREFIX.components.tsv (count, component, frames used/allocated of each render tree).</summary>
    public static void Write(int pid, string prefix)
    {
        using var target = DataTarget.AttachToProcess(pid, suspend: true);
        var clr = target.ClrVersions[0];
        // The DAC beside the server's runtime: the one ClrMD would look for by default is refused on Linux.
        using var runtime = clr.CreateRuntime(Path.Combine(Path.GetDirectoryName(clr.ModuleInfo.FileName)!, "libmscordaccore.so"), ignoreMismatch: true);
        var heap = runtime.Heap;

        var types = new Dictionary<string, (long Bytes, long Count)>();
        var components = new Dictionary<string, int>();
        var seen = new HashSet<ulong>();
        var pending = new Stack<ulong>();
        foreach (var root in heap.EnumerateRoots())
        {
            if (root.Object.Address != 0 && seen.Add(root.Object.Address))
            {
                pending.Push(root.Object.Address);
            }
        }

        while (pending.Count > 0)
        {
            var obj = heap.GetObject(pending.Pop());
            if (!obj.IsValid)
            {
                continue;
            }

            string name = obj.Type?.Name ?? "?";
            var (bytes, count) = types.GetValueOrDefault(name);
            types[name] = (bytes + (long)obj.Size, count + 1);
            if (name is ComponentState or RemoteComponentState)
            {
                string key = Describe(obj);
                components[key] = components.GetValueOrDefault(key) + 1;
            }

            foreach (ulong reference in obj.EnumerateReferenceAddresses(carefully: true))
            {
                if (reference != 0 && seen.Add(reference))
                {
                    pending.Push(reference);
                }
            }
        }

        File.WriteAllLines($"{prefix}.types.tsv", types.OrderByDescending(t => t.Value.Bytes)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Value.Bytes}\t{t.Value.Count}\t{t.Key}")));
        File.WriteAllLines($"{prefix}.components.tsv", components.OrderByDescending(c => c.Value)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Value}\t{c.Key}")));
    }

    // "Component type\tused:allocated used:allocated", one pair per render tree (next, current).
    private static string Describe(ClrObject state)
    {
        string component = "?";
        var trees = new List<string>();
        foreach (var field in state.Type!.Fields)
        {
            if (!field.IsObjectReference || field.ReadObject(state.Address, interior: false) is not { IsNull: false, IsValid: true } value)
            {
                continue;
            }

            if (field.Name == "<Component>k__BackingField")
            {
                component = value.Type?.Name ?? "?";
            }
            else if (value.Type?.Name == "Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder")
            {
                var entries = value.ReadObjectField("_entries");
                var items = entries.ReadObjectField("_items");
                trees.Add(items.IsNull ? "0:0" : $"{entries.ReadField<int>("_itemsInUse")}:{items.AsArray().Length}");
            }
        }

        return $"{component}\t{string.Join(" ", trees)}";
    }
}
