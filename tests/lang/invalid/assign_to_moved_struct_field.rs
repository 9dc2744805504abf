// After `let q = p;` the struct is gone: assigning one of its fields is an error.
struct Counter {
    name: String,
    n: u32,
}

async fn main() {
    let mut p = Counter { name: String::from("c"), n: 0 };
    let q = p;
    p.n = 3;
    println!("{} {}", q.name, q.n);
}
