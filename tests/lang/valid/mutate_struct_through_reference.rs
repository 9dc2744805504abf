// Fields change through a `&mut` to the struct.
struct Counter {
    name: String,
    n: u32,
}

fn bump(c: &mut Counter) {
    c.n += 1;
}

async fn main() {
    let mut c = Counter { name: String::from("clicks"), n: 0 };
    bump(&mut c);
    bump(&mut c);
    println!("{} {}", c.name, c.n);
}
