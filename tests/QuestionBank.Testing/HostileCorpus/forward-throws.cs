// hostile: submits a model whose forward throws when the judge calls it
// exercise: cnn
// expect: failed
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx) => ctx.Submit(new Broken());
}

public class Broken : Module<Tensor, Tensor>
{
    public Broken() : base(nameof(Broken)) { }

    public override Tensor forward(Tensor input) => throw new InvalidOperationException("no forward for you");
}
