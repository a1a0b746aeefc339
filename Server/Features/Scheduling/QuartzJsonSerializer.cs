using System.Text.Json;
using Quartz;
using Quartz.Spi;

namespace ConsultFlow.Server.Features.Scheduling;

/// <summary>
/// AdoJobStore needs an object serializer; Quartz's JSON ones are separate packages not available here and its binary
/// one needs BinaryFormatter (gone from .NET 9). ConsultFlow's jobs carry their identity in their keys and string job
/// data only, so a string map in JSON is all there is to store.
/// </summary>
public sealed class QuartzJsonSerializer : IObjectSerializer
{
    public void Initialize() { }

    public byte[] Serialize<T>(T obj) where T : class => obj switch
    {
        JobDataMap map => JsonSerializer.SerializeToUtf8Bytes(map.ToDictionary(e => e.Key, e => e.Value?.ToString())),
        System.Collections.Specialized.NameValueCollection values =>
            JsonSerializer.SerializeToUtf8Bytes(values.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => values[k])),
        _ => throw new NotSupportedException($"ConsultFlow's Quartz store keeps string job data only, not {obj.GetType()}."),
    };

    public T? DeSerialize<T>(byte[] data) where T : class
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(data) ?? [];
        if (typeof(T) == typeof(JobDataMap)) return (T)(object)new JobDataMap((IDictionary<string, object>)values.ToDictionary(e => e.Key, e => (object)(e.Value ?? "")));
        if (typeof(T) == typeof(System.Collections.Specialized.NameValueCollection))
        {
            var collection = new System.Collections.Specialized.NameValueCollection();
            foreach (var (key, value) in values) collection[key] = value;
            return (T)(object)collection;
        }
        throw new NotSupportedException($"ConsultFlow's Quartz store keeps string job data only, not {typeof(T)}.");
    }
}
