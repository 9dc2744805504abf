// The everyday methods of `Option` and `Result`: closures (`map`, `and_then`, `filter`,
// `unwrap_or_else`, `get_or_insert_with`, `map_err`), references (`as_ref`, `as_mut`), `replace`.
fn parse(x: u32) -> Result<u32, String> {
    if x > 0 { Ok(x) } else { Err(String::from("zero")) }
}

fn main() {
    let mut slot = Some(3);
    let taken = slot.take();
    println!("take: {:?} {:?}", slot, taken);
    let old = slot.replace(9);
    println!("replace: {:?} {:?}", slot, old);
    println!("unwrap_or_else: {}", slot.unwrap_or_else(|| 1));
    let none: Option<u32> = None;
    println!("unwrap_or_else on None: {}", none.unwrap_or_else(|| 1));
    println!("unwrap_or_default: {}", none.unwrap_or_default());
    println!("map: {:?}", slot.map(|v| v + 1));
    println!("and_then: {:?}", slot.and_then(|v| if v > 5 { Some(v * 2) } else { None }));
    println!("filter: {:?} {:?}", slot.filter(|v| *v > 5), slot.filter(|v| *v > 50));
    println!("ok_or: {:?}", none.ok_or(String::from("missing")));
    println!("as_ref: {:?}", slot.as_ref());
    if let Some(v) = slot.as_mut() {
        *v += 1;
    }
    println!("as_mut: {:?}", slot);
    let mut lazy: Option<u32> = None;
    let v = lazy.get_or_insert_with(|| 4);
    *v += 1;
    println!("get_or_insert_with: {:?}", lazy);
    println!("is_some/is_none: {} {}", slot.is_some(), slot.is_none());
    let bad = parse(0);
    println!("map_err: {:?}", bad.clone().map_err(|s| s.len()));
    println!("map: {:?}", parse(2).map(|v| v * 10));
    println!("and_then: {:?}", parse(2).and_then(|v| parse(v - 2)));
    println!("unwrap_or_else: {}", bad.clone().unwrap_or_else(|e| e.len() as u32));
    println!("is_ok/is_err: {} {}", bad.is_ok(), bad.is_err());
    println!("ok: {:?}", bad.ok());
    println!("expect: {}", parse(3).expect("positive"));
    let name: Option<String> = Some(String::from("task"));
    let len = name.as_ref().map(|s| s.len()).unwrap_or(0);
    println!("as_ref keeps it: {} {:?}", len, name);
}
