// The tests run one after another: each moves a manual clock and several start servers on the 2-core test machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
