// `for x in v` calls `v.into_iter()`, which takes the vector by value.
async fn main() {
    let v = vec![String::from("a"), String::from("b")];
    for x in v {
        println!("{}", x);
    }
    println!("{}", v.len());
}
