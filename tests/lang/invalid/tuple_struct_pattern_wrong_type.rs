// A pattern of another struct than the value's: E0308.
struct TaskId(u64);
struct Other(u64);

fn main() {
    let id = TaskId(1);
    let Other(n) = id;
    println!("{}", n);
}
