// A reference bound later than it is declared, to a value declared before it.
async fn main() {
    let s = String::from("late");
    let r: &String;
    r = &s;
    println!("{}", r);
}
