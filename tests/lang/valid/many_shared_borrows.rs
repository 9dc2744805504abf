// Any number of shared borrows may coexist.
async fn main() {
    let s = String::from("shared");
    let a = &s;
    let b = &s;
    println!("{} {} {}", a, b, s);
}
