// A tuple struct built as `TaskId(5)`, read as `id.0` and taken apart by patterns in `let`,
// `match`, `if let`, nested in `Some(..)` and in a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct TaskId(u64);

struct Pair(u32, u32);

fn id_number(TaskId(n): TaskId) -> u64 {
    n
}

fn main() {
    let id = TaskId(5);
    println!("field: {}", id.0);
    let TaskId(n) = id;
    println!("let: {}", n);
    match id {
        TaskId(7) => println!("match: seven"),
        TaskId(k) => println!("match: {}", k),
    }
    if let TaskId(m) = id {
        println!("if let: {}", m);
    }
    println!("param: {}", id_number(id));
    let Pair(a, b) = Pair(3, 4);
    println!("pair: {} {}", a, b);
    let maybe = Some(TaskId(9));
    if let Some(TaskId(x)) = maybe {
        println!("nested: {}", x);
    }
    println!("eq: {}", id == TaskId(5));
}
