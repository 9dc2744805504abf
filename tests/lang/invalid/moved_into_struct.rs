// Building a struct moves the String into its field.
struct Person {
    name: String,
    age: u32,
}

async fn main() {
    let name = String::from("Ada");
    let p = Person { name: name, age: 36 };
    println!("{} {} {}", p.name, p.age, name);
}
