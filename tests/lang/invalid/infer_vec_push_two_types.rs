// The first push makes it a Vec<String>; the second pushes a &str.
async fn main() {
    let mut v = Vec::new();
    v.push(String::from("a"));
    v.push("b");
    println!("{}", v.len());
}
