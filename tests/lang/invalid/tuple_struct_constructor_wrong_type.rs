// A tuple struct's constructor checks its arguments as a function's: E0308.
struct TaskId(u64);

fn main() {
    let id = TaskId("one");
    println!("{}", id.0);
}
