using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;

namespace QuestionBank.Sandbox.LifetimeWeaver;

/// <summary>
/// TorchSharp 0.107 passes a Scalar's or a Tensor's native handle to libtorch and does not keep
/// the managed object alive while the call runs. In optimised code the object is dead once its
/// handle is read, so a garbage collection started by any other thread during the call lets the
/// finalizer free the native object that libtorch is still reading. Runs then fail at random with
/// "Expected false to be true" from c10::Scalar, or worse. In every method that calls native code,
/// this adds GC.KeepAlive before each return for <c>this</c> and every Scalar and Tensor argument,
/// local, list of them, and temporary whose handle is read: what the upstream fixes do by hand
/// (dotnet/TorchSharp#1434, #1496).
/// </summary>
public static class TorchSharpLifetimes
{
    private static readonly string[] KeptTypes = ["TorchSharp.Scalar", "TorchSharp.torch/Tensor"];

    /// <summary>Writes the woven copy of <paramref name="input"/> and returns how many methods changed.</summary>
    public static int Weave(string input, string output)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(input);
        var module = assembly.MainModule;
        var keepAlive = new MethodReference("KeepAlive", module.TypeSystem.Void,
            new TypeReference("System", "GC", module, module.TypeSystem.CoreLibrary));
        keepAlive.Parameters.Add(new ParameterDefinition(module.TypeSystem.Object));

        var woven = 0;
        foreach (var method in module.GetTypes().SelectMany(type => type.Methods).Where(CallsNativeCode).ToList())
        {
            if (KeepAliveAtEachReturn(method, keepAlive))
            {
                woven++;
            }
        }
        assembly.Write(output);
        return woven;
    }

    private static bool CallsNativeCode(MethodDefinition method) =>
        method.HasBody && method.Body.Instructions.Any(instruction =>
            instruction.OpCode.FlowControl == FlowControl.Call
            && instruction.Operand is MethodDefinition { IsPInvokeImpl: true });

    private static bool KeepAliveAtEachReturn(MethodDefinition method, MethodReference keepAlive)
    {
        var body = method.Body;
        body.SimplifyMacros();
        var il = body.GetILProcessor();
        var kept = new List<Func<Instruction>>();
        if (method.HasThis && IsKept(method.DeclaringType))
        {
            kept.Add(() => Instruction.Create(OpCodes.Ldarg_0));
        }
        kept.AddRange(method.Parameters.Where(parameter => IsKept(parameter.ParameterType))
            .Select(parameter => (Func<Instruction>)(() => Instruction.Create(OpCodes.Ldarg, parameter))));
        kept.AddRange(body.Variables.Where(variable => !variable.IsPinned && IsKept(variable.VariableType))
            .Select(variable => (Func<Instruction>)(() => Instruction.Create(OpCodes.Ldloc, variable))));
        kept.AddRange(SpillTemporaryHandleOwners(body, il)
            .Select(variable => (Func<Instruction>)(() => Instruction.Create(OpCodes.Ldloc, variable))));
        if (kept.Count == 0)
        {
            return false;
        }

        foreach (var ret in body.Instructions.Where(instruction => instruction.OpCode == OpCodes.Ret).ToList())
        {
            // The ret instruction itself becomes the first load, so that branches and handler ends
            // that pointed at the return now run the keep-alives first.
            var first = kept[0]();
            ret.OpCode = first.OpCode;
            ret.Operand = first.Operand;
            var last = ret;
            foreach (var load in kept.Skip(1).Select(create => create()).Prepend(null))
            {
                if (load is not null)
                {
                    il.InsertAfter(last, load);
                    last = load;
                }
                var call = Instruction.Create(OpCodes.Call, keepAlive);
                il.InsertAfter(last, call);
                last = call;
            }
            il.InsertAfter(last, Instruction.Create(OpCodes.Ret));
        }
        body.OptimizeMacros();
        return true;
    }

    /// <summary>
    /// A handle read straight off a call's result, as in <c>ord.ToScalar().Handle</c>, belongs to an
    /// object no variable holds: the result is copied into a new local, which the returns keep alive.
    /// </summary>
    private static List<VariableDefinition> SpillTemporaryHandleOwners(MethodBody body, ILProcessor il)
    {
        var spilled = new List<VariableDefinition>();
        foreach (var handle in body.Instructions.Where(IsHandleOfKeptType).ToList())
        {
            if (handle.Previous is not { Operand: MethodReference produced } producer || !ProducesKeptObject(producer, produced))
            {
                continue;
            }
            var owner = new VariableDefinition(((MethodReference)handle.Operand).DeclaringType);
            body.Variables.Add(owner);
            il.InsertAfter(producer, Instruction.Create(OpCodes.Stloc, owner));
            il.InsertAfter(producer, Instruction.Create(OpCodes.Dup));
            spilled.Add(owner);
        }
        return spilled;
    }

    private static bool ProducesKeptObject(Instruction producer, MethodReference produced) =>
        producer.OpCode == OpCodes.Newobj ? IsKept(produced.DeclaringType)
            : producer.OpCode.FlowControl == FlowControl.Call && IsKept(produced.ReturnType);

    private static bool IsHandleOfKeptType(Instruction instruction) =>
        instruction.OpCode.FlowControl == FlowControl.Call
        && instruction.Operand is MethodReference { Name: "get_Handle" } getter
        && IsKept(getter.DeclaringType);

    private static bool IsKept(TypeReference type)
    {
        switch (type)
        {
            case ArrayType array:
                return IsKept(array.ElementType);
            // A list or sequence of tensors: keeping it alive keeps what it holds.
            case GenericInstanceType generic:
                return !generic.IsValueType && generic.GenericArguments.Any(IsKept);
        }
        // Types of TorchSharp's own module are definitions; the chain ends at the first base type
        // from another assembly, so nothing outside TorchSharp needs resolving.
        for (var definition = type as TypeDefinition; definition is not null; definition = definition.BaseType as TypeDefinition)
        {
            if (KeptTypes.Contains(definition.FullName))
            {
                return true;
            }
        }
        return false;
    }
}
