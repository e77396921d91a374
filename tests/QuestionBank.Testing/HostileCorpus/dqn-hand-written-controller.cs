// hostile: trains nothing; the "Q-network" is a hand-written PD rule on the pole's angle and the cart's position
// exercise: dqn
// expect: failed
// module: Controller
var push = input.select(1, 2) * 10 + input.select(1, 3) * 2 + input.select(1, 0) * 0.1 + input.select(1, 1) * 0.5;
return stack([-push, push], 1);
