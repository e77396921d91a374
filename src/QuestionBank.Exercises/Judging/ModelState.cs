using System.Buffers.Binary;
using System.Text;
using QuestionBank.Contracts;

namespace QuestionBank.Exercises.Judging;

/// <summary>The element types a <see cref="ModelState"/> may hold.</summary>
public enum StateType : byte
{
    Float32 = 0,
    Int8 = 1,
}

/// <summary>One named tensor of a model's state: its element type, shape and little-endian bytes.</summary>
public sealed record StateTensor(string Name, StateType Type, int[] Shape, byte[] Data)
{
    public long ElementCount => Shape.Aggregate(1L, (product, size) => product * size);

    public string ShapeText => $"[{string.Join(", ", Shape)}]";

    /// <summary>The values as floats (int8 values as they are, unscaled).</summary>
    public float[] ToFloats() => Type == StateType.Float32
        ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Data).ToArray()
        : Array.ConvertAll(Data, value => (float)(sbyte)value);

    public static StateTensor FromFloats(string name, float[] values, int[] shape) =>
        new(name, StateType.Float32, shape, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
}

/// <summary>
/// A model's named tensors as they cross the jail's boundary ("QBSTATE1", a count, then per tensor
/// its name, type, rank, sizes and data). What comes from the jail is hostile: <see cref="Parse"/>
/// bounds the size, the names, the shapes and the types before anything else looks at it.
/// </summary>
public sealed class ModelState(IReadOnlyList<StateTensor> tensors)
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxTensors = 64;
    public const int MaxRank = 4;
    public const int MaxNameLength = 64;
    private static readonly byte[] Magic = "QBSTATE1"u8.ToArray();

    public IReadOnlyList<StateTensor> Tensors { get; } = tensors;

    /// <summary>The bytes of the tensors' data: the size of the model as submitted.</summary>
    public long DataBytes => Tensors.Sum(tensor => (long)tensor.Data.Length);

    public StateTensor? Find(string name) => Tensors.FirstOrDefault(tensor => tensor.Name == name);

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        writer.Write(Tensors.Count);
        foreach (var tensor in Tensors)
        {
            var name = Encoding.ASCII.GetBytes(tensor.Name);
            writer.Write((byte)name.Length);
            writer.Write(name);
            writer.Write((byte)tensor.Type);
            writer.Write((byte)tensor.Shape.Length);
            foreach (var size in tensor.Shape)
            {
                writer.Write(size);
            }
            writer.Write(tensor.Data);
        }
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>Reads a state, or says why it is not one the judge accepts.</summary>
    /// <exception cref="JudgeException">Too big, malformed, or with a bad name, type or shape.</exception>
    public static ModelState Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes + 64 * 1024)
        {
            throw new JudgeException(RunMessages.StateTooLarge.With(bytes.Length, MaxBytes));
        }
        if (bytes.Length < Magic.Length + 4 || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new JudgeException(RunMessages.StateNotQbState.With());
        }
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[Magic.Length..]);
        if (count is < 1 or > MaxTensors)
        {
            throw new JudgeException(RunMessages.StateTensorCount.With(count, MaxTensors));
        }
        var offset = Magic.Length + 4;
        var tensors = new List<StateTensor>(count);
        long total = 0;
        for (var i = 0; i < count; i++)
        {
            var name = ReadName(bytes, ref offset);
            if (tensors.Any(tensor => tensor.Name == name))
            {
                throw new JudgeException(RunMessages.StateNameTwice.With(name));
            }
            var type = Take(bytes, ref offset, 1)[0];
            if (!Enum.IsDefined((StateType)type))
            {
                throw new JudgeException(RunMessages.TensorUnknownType.With(name, type));
            }
            var rank = Take(bytes, ref offset, 1)[0];
            if (rank is < 1 or > MaxRank)
            {
                throw new JudgeException(RunMessages.TensorRank.With(name, rank, MaxRank));
            }
            var shape = new int[rank];
            long elements = 1;
            for (var d = 0; d < rank; d++)
            {
                shape[d] = BinaryPrimitives.ReadInt32LittleEndian(Take(bytes, ref offset, 4));
                if (shape[d] is < 1 or > MaxBytes)
                {
                    throw new JudgeException(RunMessages.TensorSize.With(name, shape[d]));
                }
                elements *= shape[d];
                if (elements > MaxBytes)
                {
                    throw new JudgeException(RunMessages.TensorTooLarge.With(name, MaxBytes));
                }
            }
            var length = elements * ((StateType)type == StateType.Float32 ? sizeof(float) : sizeof(sbyte));
            total += length;
            if (total > MaxBytes)
            {
                throw new JudgeException(RunMessages.StateDataTooLarge.With(MaxBytes));
            }
            tensors.Add(new StateTensor(name, (StateType)type, shape, Take(bytes, ref offset, (int)length).ToArray()));
        }
        return offset == bytes.Length
            ? new ModelState(tensors)
            : throw new JudgeException(RunMessages.StateTrailingBytes.With());
    }

    private static string ReadName(ReadOnlySpan<byte> bytes, ref int offset)
    {
        var length = Take(bytes, ref offset, 1)[0];
        var name = Take(bytes, ref offset, length);
        if (length is 0 or > MaxNameLength
            || !name.ToArray().All(character => char.IsAsciiLetterOrDigit((char)character) || character is (byte)'_' or (byte)'.'))
        {
            throw new JudgeException(RunMessages.StateBadName.With());
        }
        return Encoding.ASCII.GetString(name);
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int offset, int length)
    {
        if (length < 0 || length > bytes.Length - offset)
        {
            throw new JudgeException(RunMessages.StateTruncated.With());
        }
        var taken = bytes.Slice(offset, length);
        offset += length;
        return taken;
    }
}
