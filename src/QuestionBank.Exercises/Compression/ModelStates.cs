using QuestionBank.Exercises.Judging;
using static TorchSharp.torch;

namespace QuestionBank.Exercises.Compression;

/// <summary>A module's <c>state_dict</c> as a <see cref="ModelState"/> (float32 and int8 tensors only).</summary>
public static class ModelStates
{
    /// <exception cref="InvalidOperationException">A tensor has another type, or the state is too big to send.</exception>
    public static ModelState Capture(nn.Module module)
    {
        var tensors = new List<StateTensor>();
        long total = 0;
        foreach (var (name, value) in module.state_dict())
        {
            using var cpu = value.detach().cpu().contiguous();
            var (type, data) = cpu.dtype switch
            {
                ScalarType.Float32 => (StateType.Float32, System.Runtime.InteropServices.MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()).ToArray()),
                ScalarType.Int8 => (StateType.Int8, Array.ConvertAll(cpu.data<sbyte>().ToArray(), value => (byte)value)),
                _ => throw new InvalidOperationException($"The state's tensor {name} is {cpu.dtype}; the judge reads float32 and int8 tensors."),
            };
            total += data.Length;
            if (total > ModelState.MaxBytes)
            {
                throw new InvalidOperationException($"The model's state holds more than {ModelState.MaxBytes} bytes.");
            }
            tensors.Add(new StateTensor(name, type, [.. cpu.shape.Select(size => (int)size)], data));
        }
        return new ModelState(tensors);
    }
}
