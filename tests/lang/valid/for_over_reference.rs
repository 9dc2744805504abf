// `for x in &v` borrows the vector; it is still there afterwards.
async fn main() {
    let v = vec![String::from("a"), String::from("b")];
    for x in &v {
        println!("{}", x);
    }
    println!("{}", v.len());
}
