// A new binding with the old name is a new variable.
async fn main() {
    let s = String::from("first");
    let t = s;
    let s = String::from("again");
    println!("{} {}", s, t);
}
