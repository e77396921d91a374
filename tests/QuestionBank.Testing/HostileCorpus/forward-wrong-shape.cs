// hostile: submits a classifier whose output has the wrong shape
// exercise: cnn
// expect: failed
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

public class Solution
{
    public void Run(ExerciseContext ctx) => ctx.Submit(new Misshapen());
}

public class Misshapen : Module<Tensor, Tensor>
{
    public Misshapen() : base(nameof(Misshapen)) { }

    public override Tensor forward(Tensor input) => ones(input.shape[0] * 10);
}
