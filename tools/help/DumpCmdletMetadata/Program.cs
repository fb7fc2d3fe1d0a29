using System.Reflection;
using System.Text.Json;
// Dumps every cmdlet of AcrGeo.dll: name, sets, parameters with their [Parameter] data, aliases, validation, types.
var module = args[0];
var sma = args[1];
var paths = new List<string>();
paths.AddRange(Directory.GetFiles(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"));
paths.Add(sma);
paths.Add(Path.Combine(module, "AcrGeo.dll"));
paths.AddRange(Directory.GetFiles(Path.Combine(module, "dependencies"), "*.dll").Where(p => !p.EndsWith("System.Runtime.CompilerServices.Unsafe.dll") && !paths.Any(x => Path.GetFileName(x) == Path.GetFileName(p))));
using var mlc = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Private.CoreLib");
var asm = mlc.LoadFromAssemblyPath(Path.Combine(module, "AcrGeo.dll"));
var result = new List<object>();
foreach (var t in asm.GetTypes())
{
    var cmdlet = t.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == "CmdletAttribute");
    if (cmdlet is null) continue;
    string Named(CustomAttributeData a, string n) => a.NamedArguments.Where(x => x.MemberName == n).Select(x => x.TypedValue.Value?.ToString()).FirstOrDefault();
    var outputs = t.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
        .SelectMany(a => a.ConstructorArguments).SelectMany(c => c.Value is System.Collections.IEnumerable e && c.Value is not string ? e.Cast<CustomAttributeTypedArgument>().Select(x => x.Value) : new[] { c.Value })
        .Select(v => (v as Type)?.FullName ?? v?.ToString()).ToList();
    var ps = new List<object>();
    foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
    {
        var attrs = p.GetCustomAttributesData();
        var pars = attrs.Where(a => a.AttributeType.Name == "ParameterAttribute").ToList();
        if (pars.Count == 0) continue;
        ps.Add(new
        {
            Name = p.Name,
            Type = p.PropertyType.ToString(),
            Sets = pars.Select(a => new
            {
                Set = Named(a, "ParameterSetName") ?? "__AllParameterSets",
                Mandatory = Named(a, "Mandatory") ?? "False",
                Position = Named(a, "Position") ?? "named",
                ByValue = Named(a, "ValueFromPipeline") ?? "False",
                ByPropertyName = Named(a, "ValueFromPipelineByPropertyName") ?? "False",
            }),
            Aliases = attrs.Where(a => a.AttributeType.Name == "AliasAttribute").SelectMany(a => a.ConstructorArguments).SelectMany(c => c.Value is System.Collections.IEnumerable e && c.Value is not string ? e.Cast<CustomAttributeTypedArgument>().Select(x => x.Value?.ToString()) : new[] { c.Value?.ToString() }),
            Other = attrs.Where(a => a.AttributeType.Name is not ("ParameterAttribute" or "AliasAttribute" or "ArgumentCompleterAttribute" or "NullableAttribute"))
                .Select(a => a.AttributeType.Name + "(" + string.Join(", ", a.ConstructorArguments.Select(c => c.Value is System.Collections.IEnumerable e && c.Value is not string ? string.Join("|", e.Cast<CustomAttributeTypedArgument>().Select(x => x.Value)) : c.Value?.ToString())) + ")"),
        });
    }
    result.Add(new
    {
        Verb = cmdlet.ConstructorArguments[0].Value, Noun = cmdlet.ConstructorArguments[1].Value, Type = t.FullName,
        DefaultSet = Named(cmdlet, "DefaultParameterSetName"), ShouldProcess = Named(cmdlet, "SupportsShouldProcess"), ConfirmImpact = Named(cmdlet, "ConfirmImpact"),
        Outputs = outputs, Parameters = ps,
    });
}
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
