// Moving one field out leaves the others usable.
struct Person {
    name: String,
    age: u32,
}

async fn main() {
    let p = Person { name: String::from("Ada"), age: 36 };
    let n = p.name;
    println!("{} {}", n, p.age);
}
